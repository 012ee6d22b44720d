//! A streaming UTF-8 decoder: the console's bytes arrive in WebSocket frames that may split a
//! character anywhere, so an incomplete sequence waits for the next chunk; invalid bytes become
//! U+FFFD, one per maximal invalid run as the WHATWG decoder does.

/// Decoder state between chunks: the bytes of a character seen so far.
#[derive(Debug, Default, Clone)]
pub struct Utf8Decoder {
    pending: [u8; 4],
    pending_len: usize,
}

impl Utf8Decoder {
    /// Decodes `bytes`, calling `emit` for each character; an unfinished character at the end
    /// is kept for the next call.
    pub fn decode(&mut self, bytes: &[u8], mut emit: impl FnMut(char)) {
        for &byte in bytes {
            self.push(byte, &mut emit);
        }
    }

    fn push(&mut self, byte: u8, emit: &mut impl FnMut(char)) {
        if self.pending_len == 0 {
            match byte {
                0x00..=0x7f => emit(char::from(byte)),
                0xc2..=0xf4 => {
                    self.pending[0] = byte;
                    self.pending_len = 1;
                }
                _ => emit(char::REPLACEMENT_CHARACTER),
            }
            return;
        }
        if !self.continues(byte) {
            // The sequence so far is invalid; the byte that broke it starts afresh.
            self.pending_len = 0;
            emit(char::REPLACEMENT_CHARACTER);
            self.push(byte, emit);
            return;
        }
        self.pending[self.pending_len] = byte;
        self.pending_len += 1;
        if self.pending_len == expected_len(self.pending[0]) {
            let decoded = std::str::from_utf8(&self.pending[..self.pending_len])
                .ok()
                .and_then(|text| text.chars().next());
            self.pending_len = 0;
            emit(decoded.unwrap_or(char::REPLACEMENT_CHARACTER));
        }
    }

    /// Whether `byte` may follow the pending bytes; the second byte's range excludes overlong
    /// forms, surrogates and code points past U+10FFFF.
    fn continues(&self, byte: u8) -> bool {
        let range = match (self.pending_len, self.pending[0]) {
            (1, 0xe0) => 0xa0..=0xbf,
            (1, 0xed) => 0x80..=0x9f,
            (1, 0xf0) => 0x90..=0xbf,
            (1, 0xf4) => 0x80..=0x8f,
            _ => 0x80..=0xbf,
        };
        range.contains(&byte)
    }
}

fn expected_len(lead: u8) -> usize {
    match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_chunks(chunks: &[&[u8]]) -> String {
        let mut decoder = Utf8Decoder::default();
        let mut text = String::new();
        for chunk in chunks {
            decoder.decode(chunk, |c| text.push(c));
        }
        text
    }

    #[test]
    fn characters_split_across_chunks_decode_whole() {
        let bytes = "aé€😀".as_bytes();
        for split in 0..=bytes.len() {
            let (first, second) = bytes.split_at(split);
            assert_eq!(decode_chunks(&[first, second]), "aé€😀", "split at {split}");
        }
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        assert_eq!(decode_chunks(&[b"a\xffb"]), "a\u{fffd}b");
        assert_eq!(decode_chunks(&[b"\xc3(", b"x"]), "\u{fffd}(x");
        assert_eq!(
            decode_chunks(&[b"\xe0\x80\x80"]),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(
            decode_chunks(&[b"\xed\xa0\x80"]),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(decode_chunks(&[b"\xe2\x82", b"\x1b"]), "\u{fffd}\u{1b}");
    }
}
