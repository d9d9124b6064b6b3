//! Announcements: news staff write in Markdown (`/manage/announcements`), published at once or
//! from a chosen time, read publicly at `/announcements` (with an RSS feed) and in the Client Area,
//! and optionally emailed through the outbox, a batch at a time, to the clients who opted in.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod service;
