//! SeaORM entities, one per table created by the `migration` crate.

pub mod department;
