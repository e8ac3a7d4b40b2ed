"""Fast paths: each module re-computes what a library computes, faster, beside the
reference it must equal (the library's own function, named `reference_*` or kept as the
`*_plain` / `*_textstat` variant). Their equality tests are in tests/metrics/fast/."""
