//! Phrases and verbs of UN drafting in English, French and Spanish (being written).
