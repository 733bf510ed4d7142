-- How close a drafted reply came to the restaurant's earlier replies, measured as captions are: the wording
-- (TF-IDF cosine over character 3-grams) and, when the meaning model answered, the meaning (embeddings cosine).
alter table google_reviews add column draft_similarity double precision;
alter table google_reviews add column draft_meaning_similarity double precision;
