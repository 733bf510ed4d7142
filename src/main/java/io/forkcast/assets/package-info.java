/**
 * The brand asset library: folders, uploaded images with their tags, the image pipeline that makes thumbnails and
 * Instagram-ready derivatives, the media store (local directory or S3) and signed public media URLs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assets")
package io.forkcast.assets;
