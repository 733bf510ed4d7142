-- Anti-repetition by meaning: each generated caption keeps its sentence embedding (little-endian float32s) and the
-- model that made it (vectors of different models are not compared), and the meaning similarity it was judged by.
-- Same DDL on both vendors (bytea is read by H2 too); generated_captions' row-level security covers the new columns.
alter table generated_captions add column meaning_similarity double precision;
alter table generated_captions add column embedding_model varchar(64);
alter table generated_captions add column embedding bytea;
-- What fed the prompt: the best-performing recent captions quoted as examples (references, best first, and a note:
-- examples, no_history, offline_writer) and the assets whose alt text, tags or image went in.
alter table generated_captions add column examples_used ${json_type};
alter table generated_captions add column examples_note varchar(32);
alter table generated_captions add column images_used ${json_type};
