use std::convert::TryFrom;

/// A direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    North,
    South,
    Other(u8),
}

impl Direction {
    pub fn opposite(self) -> Self {
        match self {
            Direction::North => Direction::South,
            Direction::South => Direction::North,
            Direction::Other(n) => Direction::Other(n),
        }
    }

    pub fn all() -> Vec<Self> {
        vec![Self::North, Self::South]
    }
}

impl TryFrom<u8> for Direction {
    type Error = String;

    fn try_from(v: u8) -> Result<Self, Self::Error> {
        Ok(Direction::Other(v).opposite())
    }
}

pub enum Shape<T> {
    Circle { r: T },
    Square(T),
}
