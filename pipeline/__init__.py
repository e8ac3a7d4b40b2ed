"""The stages run in order: files become stored documents (corpus), then metrics are
computed for them (compute). The CLI, the dashboard's start and its uploads all run them
through here."""
