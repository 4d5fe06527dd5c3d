//! The integration test binary: one module per behaviour area.

// The two real seeds and the crafted residue files against their golden outputs.
mod golden;
