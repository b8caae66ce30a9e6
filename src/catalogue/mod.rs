//! Cited UN documents: symbols, citations, catalogues (being written).
