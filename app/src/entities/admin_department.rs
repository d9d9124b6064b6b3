//! The `admin_departments` table: departments an admin belongs to, with ticket notifications on or off.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "admin_departments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub admin_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub department_id: i32,
    pub notify: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
