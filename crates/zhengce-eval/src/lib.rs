//! zhengce-eval: scoring against gold and diffs between runs (stub).
