//! Server functions for the Activity Log and login history.
