//! The protobuf wire format at its lowest level: varints, field keys and length-delimited
//! payloads, read with every length checked against what is left of the buffer.

/// How a field's payload is laid out on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireType {
    Varint,
    Fixed64,
    Delimited,
    Fixed32,
}

impl WireType {
    fn from_bits(bits: u64) -> Option<Self> {
        match bits {
            0 => Some(Self::Varint),
            1 => Some(Self::Fixed64),
            2 => Some(Self::Delimited),
            5 => Some(Self::Fixed32),
            // 3 and 4 are the groups of proto2, which no Kubernetes message uses.
            _ => None,
        }
    }

    fn bits(self) -> u64 {
        match self {
            Self::Varint => 0,
            Self::Fixed64 => 1,
            Self::Delimited => 2,
            Self::Fixed32 => 5,
        }
    }
}

/// What went wrong while reading raw wire data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("the data ends in the middle of a field")]
    Truncated,
    #[error("a varint runs longer than 10 bytes")]
    VarintTooLong,
    #[error("a field key has wire type {0}, which is not used")]
    BadWireType(u64),
    #[error("a field key has number {0}, outside the range protobuf allows")]
    BadFieldNumber(u64),
}

/// A cursor over one message's bytes.
pub struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf }
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn varint(&mut self) -> Result<u64, WireError> {
        let mut value = 0u64;
        for (index, byte) in self.buf.iter().take(10).enumerate() {
            value |= u64::from(byte & 0x7f) << (7 * index);
            if byte & 0x80 == 0 {
                self.buf = &self.buf[index + 1..];
                return Ok(value);
            }
        }
        if self.buf.len() >= 10 {
            Err(WireError::VarintTooLong)
        } else {
            Err(WireError::Truncated)
        }
    }

    /// The next field's number and wire type.
    pub fn key(&mut self) -> Result<(u32, WireType), WireError> {
        let key = self.varint()?;
        let wire = WireType::from_bits(key & 7).ok_or(WireError::BadWireType(key & 7))?;
        let number = key >> 3;
        match u32::try_from(number) {
            Ok(n) if (1..=MAX_FIELD_NUMBER).contains(&n) => Ok((n, wire)),
            _ => Err(WireError::BadFieldNumber(number)),
        }
    }

    /// A length-delimited payload.
    pub fn delimited(&mut self) -> Result<&'a [u8], WireError> {
        let len = self.varint()?;
        let len = usize::try_from(len).map_err(|_| WireError::Truncated)?;
        self.take(len)
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], WireError> {
        if len > self.buf.len() {
            return Err(WireError::Truncated);
        }
        let (head, rest) = self.buf.split_at(len);
        self.buf = rest;
        Ok(head)
    }

    /// Skips a payload of the given type; says whether it held anything but a zero value, so a
    /// caller can tell a Go zero value (sent for every non-pointer field) from real content.
    pub fn skip(&mut self, wire: WireType) -> Result<bool, WireError> {
        Ok(match wire {
            WireType::Varint => self.varint()? != 0,
            WireType::Fixed64 => self.take(8)?.iter().any(|b| *b != 0),
            WireType::Fixed32 => self.take(4)?.iter().any(|b| *b != 0),
            WireType::Delimited => !self.delimited()?.is_empty(),
        })
    }
}

/// The largest field number protobuf allows (2^29 - 1).
const MAX_FIELD_NUMBER: u32 = (1 << 29) - 1;

pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub fn put_key(out: &mut Vec<u8>, number: u32, wire: WireType) {
    put_varint(out, (u64::from(number) << 3) | wire.bits());
}

/// A length-delimited field: key, length, payload.
pub fn put_delimited(out: &mut Vec<u8>, number: u32, payload: &[u8]) {
    put_key(out, number, WireType::Delimited);
    put_varint(out, payload.len() as u64);
    out.extend_from_slice(payload);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_their_edges() {
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, value);
            let mut reader = Reader::new(&out);
            assert_eq!(reader.varint(), Ok(value));
            assert!(reader.is_empty());
        }
        let mut out = Vec::new();
        put_varint(&mut out, 300);
        assert_eq!(
            out,
            [0xac, 0x02],
            "the example of protobuf's encoding guide"
        );
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert_eq!(Reader::new(&[0x80]).varint(), Err(WireError::Truncated));
        assert_eq!(
            Reader::new(&[0xff; 11]).varint(),
            Err(WireError::VarintTooLong)
        );
        assert_eq!(Reader::new(&[0x0b]).key(), Err(WireError::BadWireType(3)));
        assert_eq!(
            Reader::new(&[0x02]).key(),
            Err(WireError::BadFieldNumber(0))
        );
        // Length 5 with 2 bytes left.
        assert_eq!(
            Reader::new(&[0x05, 1, 2]).delimited(),
            Err(WireError::Truncated)
        );
        // A length near u64::MAX.
        let mut huge = Vec::new();
        put_varint(&mut huge, u64::MAX);
        assert_eq!(Reader::new(&huge).delimited(), Err(WireError::Truncated));
        assert_eq!(
            Reader::new(&[1, 2]).skip(WireType::Fixed32),
            Err(WireError::Truncated)
        );
    }

    #[test]
    fn skip_tells_zero_values_from_content() {
        assert_eq!(Reader::new(&[0]).skip(WireType::Varint), Ok(false));
        assert_eq!(Reader::new(&[0]).skip(WireType::Delimited), Ok(false));
        assert_eq!(Reader::new(&[1, b'x']).skip(WireType::Delimited), Ok(true));
        assert_eq!(Reader::new(&[0; 8]).skip(WireType::Fixed64), Ok(false));
    }
}
