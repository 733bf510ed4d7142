package io.forkcast.captions;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Embeddings from an OpenAI-compatible {@code POST {base-url}/embeddings} ({@code forkcast.captions.meaning.provider
 * =openai}): the same base URL and key as the chat writer, the model of {@code forkcast.captions.meaning.model}.
 * One call per check (the candidate and the recent captions without a stored vector, in one {@code input} array);
 * no retries: when it fails the caption is judged on wording alone. The key is never logged.
 */
final class OpenAiMeaningModel implements MeaningModel {

    private final String model;
    private final Supplier<URI> baseUrl;
    private final String apiKey;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RestClient http;

    OpenAiMeaningModel(String model, Supplier<URI> baseUrl, String apiKey, java.time.Duration timeout) {
        this.model = model;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(timeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public String name() {
        return "openai:" + model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", model);
        request.put("input", texts);
        request.put("encoding_format", "float");
        URI endpoint = URI.create(baseUrl.get().toString().replaceAll("/+$", "") + "/embeddings");
        String body;
        int status;
        try {
            record Answer(int status, String body) {
            }
            Answer answer = http.post().uri(endpoint).contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON).header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                    .body(json.writeValueAsString(request))
                    .exchange((req, res) -> new Answer(res.getStatusCode().value(),
                            new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)), true);
            status = answer.status();
            body = answer.body();
        } catch (RuntimeException e) {
            throw new MeaningUnavailable("the embeddings provider did not answer");
        }
        if (status != 200) {
            throw new MeaningUnavailable("the embeddings provider answered " + status);
        }
        try {
            JsonNode data = json.readTree(body).path("data");
            float[][] vectors = new float[texts.size()][];
            for (JsonNode item : data) {
                int index = item.path("index").asInt(-1);
                JsonNode values = item.path("embedding");
                if (index < 0 || index >= vectors.length || !values.isArray()) {
                    throw new MeaningUnavailable("the embeddings provider's answer has an unexpected shape");
                }
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) values.get(i).asDouble();
                }
                vectors[index] = Meaning.unit(vector);
            }
            List<float[]> result = new ArrayList<>(vectors.length);
            for (float[] vector : vectors) {
                if (vector == null) {
                    throw new MeaningUnavailable("the embeddings provider left out an input");
                }
                result.add(vector);
            }
            return result;
        } catch (JacksonException e) {
            throw new MeaningUnavailable("the embeddings provider's answer was not valid JSON");
        }
    }
}
