package io.forkcast.approvals.web;

import io.forkcast.approvals.PostComment;
import io.forkcast.approvals.PostComments;
import io.forkcast.posts.PostId;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@Tag(name = "Post comments", description = "The team's internal thread on a post; never sent to any network.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/posts/{postId}/comments")
class PostCommentController {

    record NewPostComment(@NotBlank @Size(max = PostComments.MAX_LENGTH) String body) {
    }

    private final PostComments comments;

    PostCommentController(PostComments comments) {
        this.comments = comments;
    }

    /** The thread, oldest first. */
    @GetMapping
    CursorPage<PostComment> list(@PathVariable UUID tenantId, @PathVariable UUID postId, @Valid PageRequest page) {
        return comments.list(new TenantId(tenantId), new PostId(postId), page);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PostComment add(@PathVariable UUID tenantId, @PathVariable UUID postId,
            @Valid @RequestBody NewPostComment request) {
        return comments.add(new TenantId(tenantId), new PostId(postId), request.body());
    }

    /** Deletes one of the caller's own comments (403 for someone else's). */
    @DeleteMapping("/{commentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID tenantId, @PathVariable UUID postId, @PathVariable UUID commentId) {
        comments.delete(new TenantId(tenantId), new PostId(postId), commentId);
    }
}
