"""Drives one running Forkcast: COUNT captions for one menu item and tone, in sequence, then the statistics.

Similarity is the service's own measure (io.forkcast.captions.Similarity): cosine of TF-IDF vectors over character
3-grams of the caption without its hashtags (lower case, accents and punctuation removed), smoothed IDF
ln((1 + n) / (1 + df)) + 1, here computed over the COUNT captions together. An opening is the first word, and,
stricter, the first two words. Generation time is the server's own measure (the Server-Timing header: profile, item,
recent captions, writer, rules, similarity, storage); the round trip adds HTTP, authentication and JSON.
"""
import json
import math
import statistics
import sys
import time
import unicodedata
import re
import urllib.request

base, token, count, tone, platform = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
WARMUP = int(sys.argv[6]) if len(sys.argv) > 6 else 50


server_times = []


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        timing = re.search(r"generate;dur=([0-9.]+)", response.headers.get("Server-Timing") or "")
        if timing:
            server_times.append(float(timing.group(1)))
        return json.loads(response.read() or b"{}")


tenant = call("POST", "/api/v1/tenants", {"name": "Bench Bistro %d" % time.time_ns(),
                                          "email": "bench@example.com", "plan": "enterprise"})["id"]
call("PUT", "/api/v1/tenants/%s/profile" % tenant, {
    "name": "Krusty Pizza", "cuisine": "Neapolitan pizza", "city": "Lyon", "voice": tone,
    "signature_hashtags": ["KrustyPizza"], "emoji_level": "low"})
item = call("POST", "/api/v1/tenants/%s/menu-items" % tenant, {
    "name": "Margherita", "description": "San Marzano tomatoes, fior di latte, fresh basil and a drizzle of olive oil",
    "price": 12.50, "currency": "EUR", "dietary_tags": ["vegetarian"]})["id"]

# Warm-up on another item (the JIT, connection pool and caches), not measured and not recent for the measured item
# beyond the opening memory it shares with it.
warm = call("POST", "/api/v1/tenants", {"name": "Warm-up %d" % time.time_ns(), "email": "warm@example.com",
                                        "plan": "enterprise"})["id"]
for _ in range(WARMUP):
    call("POST", "/api/v1/tenants/%s/captions" % warm, {"item": {"name": "Warm-up soup"}, "platform": platform})

texts, times, flagged, attempts, flagged_pairs, by_reference = [], [], 0, [], [], {}
server_times.clear()
for number in range(1, count + 1):
    started = time.perf_counter()
    result = call("POST", "/api/v1/tenants/%s/captions" % tenant,
                  {"menu_item_id": item, "platform": platform, "tone": tone})
    times.append((time.perf_counter() - started) * 1000)
    caption = result["variants"][0]
    texts.append(caption["text"])
    similarity = caption["similarity"]
    if similarity["too_similar"]:
        flagged += 1
        # The caption it came closest to: by meaning when meaning flagged it, else by wording.
        closest = (similarity.get("meaning") or {}).get("similar_to") or similarity["similar_to"]
        flagged_pairs.append((number, caption, by_reference.get(closest, "(not one of these)")))
    by_reference["caption:" + caption["id"]] = caption["text"]
    attempts.append(caption["attempts"])
    threshold = caption["similarity"]["threshold"]
    writer = caption["writer"]


def normalise(text):
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return re.sub(r"[^\w]+|_", " ", plain.lower()).strip()


def body(text):
    return re.sub(r"#[\w]+", " ", text)


def grams(text):
    padded = " " + normalise(body(text)) + " "
    counts = {}
    for i in range(len(padded) - 2):
        counts[padded[i:i + 3]] = counts.get(padded[i:i + 3], 0) + 1
    return counts


docs = [grams(t) for t in texts]
df = {}
for d in docs:
    for g in d:
        df[g] = df.get(g, 0) + 1
n = len(docs)
vectors = [{g: tf * (math.log((1 + n) / (1 + df[g])) + 1) for g, tf in d.items()} for d in docs]
norms = [math.sqrt(sum(w * w for w in v.values())) for v in vectors]
pairs = []
for i in range(n):
    for j in range(i + 1, n):
        dot = sum(w * vectors[j].get(g, 0) for g, w in vectors[i].items())
        pairs.append(dot / (norms[i] * norms[j]))


def opening(text, words):
    return " ".join(normalise(body(text)).split(" ")[:words])


times.sort()
p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)]
print("writer                     %s" % writer)
print("max pairwise similarity    %.3f (threshold %.2f: %s)" % (max(pairs), threshold,
                                                                 "below" if max(pairs) < threshold else "NOT below"))
print("mean pairwise similarity   %.3f" % statistics.mean(pairs))
print("distinct first words       %d/%d (%.0f%%)" % (len({opening(t, 1) for t in texts}), n,
                                                      100 * len({opening(t, 1) for t in texts}) / n))
print("distinct two-word openings %d/%d" % (len({opening(t, 2) for t in texts}), n))
print("flagged too similar        %d/%d (attempts per caption: mean %.2f, max %d)" % (
    flagged, n, statistics.mean(attempts), max(attempts)))
server_times.sort()
server_p95 = server_times[max(0, math.ceil(0.95 * len(server_times)) - 1)]
print("generation time (server)   p50 %.1f ms, p95 %.1f ms, max %.1f ms  (Server-Timing: generate)" % (
    server_times[len(server_times) // 2], server_p95, server_times[-1]))
print("round trip (client)        p50 %.1f ms, p95 %.1f ms, max %.1f ms" % (times[len(times) // 2], p95, times[-1]))
# The flagged captions beside the caption each came closest to: reading them says whether they are the same idea.
for number, caption, other in flagged_pairs:
    similarity = caption["similarity"]
    print("flagged #%d: wording %.2f, meaning %s, opening repeated %s, hashtag overlap %.2f" % (
        number, similarity["score"], (similarity.get("meaning") or {}).get("score"), similarity["opening_repeated"],
        similarity["hashtag_overlap"]))
    print("  this:    %s" % body(caption["text"]).replace("\n", " ").strip())
    print("  closest: %s" % body(other).replace("\n", " ").strip())
