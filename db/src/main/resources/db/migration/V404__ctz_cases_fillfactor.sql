-- ctz_cases: room on each page for the rows' later versions. The enforcement job appends every further passage and
-- image of a case to its row (passage_refs, evidence_refs, updated_at: no index on them), once per case and flush;
-- with full pages each such UPDATE put the new version on another page and inserted it into all three indexes.
-- With free space on the page it is a heap-only update. Applies to pages written from now on.
ALTER TABLE ctz_cases SET (fillfactor = 70);
