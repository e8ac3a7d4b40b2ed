"""The compute stage: every metric of every stored document that lacks it, written back."""
