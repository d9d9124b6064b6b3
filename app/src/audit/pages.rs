//! The Activity Log and login history pages.
