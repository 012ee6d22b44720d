//! A small deterministic number generator for tests that try generated sequences of changes:
//! a failing sequence is the same on every run.

pub struct Sequence(pub u64);

impl Sequence {
    /// The next number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}
