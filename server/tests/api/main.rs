//! Server integration tests: the real router over HTTP, on SQLite and Postgres.

mod helpers;
mod hostile;
mod inbound;

mod access;
mod account;
mod admins;
mod announcements;
mod audit;
mod auth;
mod cli;
mod client_area;
mod clients;
mod crash;
mod dashboard;
mod database;
mod departments;
mod desk;
mod invitations;
mod kb;
mod mail;
mod network;
mod nodes;
mod ops;
mod queries;
mod races;
mod reports;
mod roles;
mod security;
mod shell;
mod takeover;
mod tickets;
mod two_factor;
mod versions;
