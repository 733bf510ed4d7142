package io.forkcast.assets;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@Configuration(proxyBeanMethods = false)
class MediaStoreConfiguration {

    @Bean
    MediaStore mediaStore(AssetsProperties properties) {
        if (properties.storage() == AssetsProperties.Storage.LOCAL) {
            return new LocalMediaStore(properties.localRoot());
        }
        AssetsProperties.S3 settings = properties.s3();
        if (settings == null || settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalStateException("forkcast.assets.storage is s3 but forkcast.assets.s3.bucket is not set "
                    + "(environment variable FORKCAST_ASSETS_S3_BUCKET).");
        }
        AwsCredentialsProvider credentials = settings.accessKey() == null || settings.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        S3Configuration s3Configuration = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        Region region = Region.of(settings.region());
        var client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration)
                // Checksums only where S3 requires them: several S3-compatible stores refuse the trailing ones.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(s3Configuration);
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
            presigner.endpointOverride(settings.endpoint());
        }
        return new S3MediaStore(client.build(), presigner.build(), settings.bucket());
    }

    /**
     * The multipart limits of the servlet container, from {@code forkcast.assets.max-upload-size}: an upload whose
     * declared length is over the limit is refused before its body is read, and file parts are streamed to a
     * temporary file rather than kept in memory.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(AssetsProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.largestUpload());
        // Room for the form fields beside the file.
        factory.setMaxRequestSize(DataSize.ofBytes(properties.largestUpload().toBytes() + 64 * 1024));
        factory.setFileSizeThreshold(DataSize.ofKilobytes(16));
        return factory.createMultipartConfig();
    }
}
