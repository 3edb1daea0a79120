"""samverkan's core: models, persistence, rules and exports. Never imports Textual."""
