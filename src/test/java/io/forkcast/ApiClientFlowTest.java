package io.forkcast;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.forkcast.client.ApiClient;
import io.forkcast.client.ApiException;
import io.forkcast.client.api.AccountsApi;
import io.forkcast.client.api.ApiKeysApi;
import io.forkcast.client.api.AssetsApi;
import io.forkcast.client.api.CaptionsApi;
import io.forkcast.client.api.ConnectApi;
import io.forkcast.client.api.FoldersApi;
import io.forkcast.client.api.MenuItemsApi;
import io.forkcast.client.api.PostsApi;
import io.forkcast.client.api.TenantsApi;
import io.forkcast.client.model.ApiKeyScope;
import io.forkcast.client.model.AssetResponse;
import io.forkcast.client.model.CallbackResponse;
import io.forkcast.client.model.CaptionRequest;
import io.forkcast.client.model.CaptionsResponse;
import io.forkcast.client.model.ChangeRequest;
import io.forkcast.client.model.ConnectedAccount;
import io.forkcast.client.model.CreateRequest;
import io.forkcast.client.model.CancelResponse;
import io.forkcast.client.model.CreatedTenantResponse;
import io.forkcast.client.model.DeliveryView;
import io.forkcast.client.model.FolderResponse;
import io.forkcast.client.model.MenuItemResponse;
import io.forkcast.client.model.NewApiKey;
import io.forkcast.client.model.NewFolder;
import io.forkcast.client.model.NewMenuItem;
import io.forkcast.client.model.PostView;
import io.forkcast.client.model.TargetRequest;
import io.forkcast.client.model.TenantDetails;
import io.forkcast.assets.TestImages;
import io.forkcast.support.Browser;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The committed API document is true: a client generated from it at build time (openapi-generator, {@code target/
 * generated-test-sources}) takes a restaurant from nothing to a scheduled, moved and cancelled post against the
 * running application. The client refuses response members the document does not name, so an undocumented field
 * fails here too. Only the owner's consent in Facebook's dialog is a browser's step, not the API's.
 */
class ApiClientFlowTest extends SandboxedApiTest {

    private static final String PAGE_WITH_INSTAGRAM = "200000000000001";

    @TempDir
    Path temporary;

    @Test
    void aGeneratedClientTakesARestaurantFromNothingToACancelledPost() throws Exception {
        ApiClient operator = client(io.forkcast.support.ApiClient.OPERATOR_TOKEN);
        CreatedTenantResponse tenant = new TenantsApi(operator).createTenant(new TenantDetails()
                .name("Trattoria Contract").email("owner@trattoria-contract.example").timezone("Europe/Rome"));
        UUID tenantId = tenant.getId();
        String key = new ApiKeysApi(operator).createApiKey(tenantId, new NewApiKey().name("contract test")
                .scopes(Set.of(ApiKeyScope.READ, ApiKeyScope.WRITE))).getKey();
        ApiClient restaurant = client(key);

        FolderResponse folder = new FoldersApi(restaurant).createFolder(tenantId, new NewFolder().name("Dishes"), null);
        AssetResponse photo = new AssetsApi(restaurant).uploadAsset(tenantId, jpeg("margherita.jpg"),
                "A margherita fresh from the oven", null, folder.getId(), null, List.of("pizza", "signature"));
        assertThat(photo.getFolderId()).isEqualTo(folder.getId());
        assertThat(photo.getTags()).containsExactlyInAnyOrder("pizza", "signature");

        MenuItemResponse item = new MenuItemsApi(restaurant).addMenuItem(tenantId, new NewMenuItem()
                .name("Margherita").description("San Marzano tomatoes, fior di latte, basil")
                .price(new BigDecimal("11.50")).currency("EUR").assetIds(List.of(photo.getId())), null);
        CaptionsResponse captions = new CaptionsApi(restaurant).generateCaption(tenantId, new CaptionRequest()
                .menuItemId(item.getId()).platform(CaptionRequest.PlatformEnum.INSTAGRAM).variants(2), null);
        assertThat(captions.getVariants()).hasSize(2).allSatisfy(caption -> assertThat(caption.getText()).isNotBlank());

        List<ConnectedAccount> accounts = connectThroughTheSandbox(new ConnectApi(restaurant), tenantId);
        assertThat(new AccountsApi(restaurant).listAccounts(tenantId, null, null).getItems())
                .extracting(ConnectedAccount::getId)
                .containsExactlyInAnyOrderElementsOf(accounts.stream().map(ConnectedAccount::getId).toList());

        postToEveryAccount(new PostsApi(restaurant), tenantId, accounts, photo.getId(),
                captions.getVariants().getFirst().getText());
    }

    @Test
    void aProblemReachesTheGeneratedClientAsTheDocumentedStatus() throws Exception {
        ApiClient anonymous = client(null);
        assertThatThrownBy(() -> new FoldersApi(anonymous).listFolders(UUID.randomUUID(), null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
                });
    }

    /**
     * One post to every connected account (a delivery each, one with its own caption): scheduled, listed, moved as
     * a whole, cancelled as a whole.
     */
    private void postToEveryAccount(PostsApi posts, UUID tenantId, List<ConnectedAccount> accounts, UUID photo,
            String caption) throws ApiException {
        OffsetDateTime tomorrow = CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.UTC);
        List<TargetRequest> targets = accounts.stream()
                .map(account -> new TargetRequest().accountId(account.getId())).toList();
        targets.getLast().caption("Only here: " + caption);
        PostView created = posts.createPost(tenantId, new CreateRequest().targets(targets)
                .assetIds(List.of(photo)).caption(caption).scheduledFor(tomorrow.toString()), "flow-1");
        assertThat(created.getStatus()).isEqualTo(PostView.StatusEnum.SCHEDULED);
        assertThat(created.getDeliveries()).hasSize(accounts.size())
                .allSatisfy(delivery -> assertThat(delivery.getStatus()).isEqualTo(DeliveryView.StatusEnum.SCHEDULED));
        assertThat(created.getDeliveries().getLast().getCaption()).isEqualTo("Only here: " + caption);
        UUID postId = created.getId();
        // The same request with the same key answers the same post, and creates nothing.
        assertThat(posts.createPost(tenantId, new CreateRequest().targets(targets).assetIds(List.of(photo))
                .caption(caption).scheduledFor(tomorrow.toString()), "flow-1").getId()).isEqualTo(postId);

        assertThat(posts.listPosts(tenantId, "scheduled", null, null, null, null, null).getItems())
                .extracting(PostView::getId).containsExactly(postId);

        OffsetDateTime later = tomorrow.plusHours(3);
        PostView moved = posts.changePost(tenantId, postId, new ChangeRequest().scheduledFor(later.toString()));
        assertThat(moved.getScheduledFor().toInstant()).isEqualTo(later.toInstant());

        CancelResponse cancelled = posts.cancelPost(tenantId, postId);
        assertThat(cancelled.getPost().getStatus()).isEqualTo(PostView.StatusEnum.CANCELLED);
        assertThat(cancelled.getAlreadyStarted()).isEmpty();
        assertThat(posts.getPost(tenantId, postId).getDeliveries())
                .allSatisfy(delivery -> assertThat(delivery.getStatus()).isEqualTo(DeliveryView.StatusEnum.CANCELLED));
    }

    /** The consent dialog is a browser's page; the link before it and the callback after it are API calls. */
    private List<ConnectedAccount> connectThroughTheSandbox(ConnectApi connect, UUID tenantId) throws ApiException {
        URI dialog = connect.authorizeOAuth(tenantId).getAuthorizationUrl();
        Browser browser = new Browser();
        URI callback = browser.submitAndStop(browser.open(dialog), "approve", Set.of(PAGE_WITH_INSTAGRAM));
        UriComponents query = UriComponentsBuilder.fromUri(callback).build(true);
        CallbackResponse connected = connect.callbackOAuth(decoded(query, "code"), decoded(query, "state"), null,
                null);
        assertThat(connected.getTenantId()).isEqualTo(tenantId);
        assertThat(connected.getAccounts()).hasSize(2);
        return connected.getAccounts();
    }

    private static String decoded(UriComponents query, String name) {
        String value = query.getQueryParams().getFirst(name);
        return value == null ? null : java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A client of the generated kind; it refuses response members the document does not name. */
    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private File jpeg(String name) throws IOException {
        Path file = temporary.resolve(name);
        Files.write(file, TestImages.jpeg(640, 480, 7));
        return file.toFile();
    }
}
