//! The `server` binary itself: settings errors, `migrate`, serving, graceful shutdown.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_server");

/// The `server` binary, run in `dir` with only the settings the test gives it.
pub(crate) fn server(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir)
        .env_remove("STAFFDESK_CONFIG")
        .env_remove("LEPTOS_SITE_ROOT")
        .env("STAFFDESK_SERVER__DATA_DIR", dir.join("data"))
        .env("STAFFDESK_LOG", "warn");
    for (key, _) in std::env::vars() {
        if key.starts_with("STAFFDESK_")
            && key != "STAFFDESK_LOG"
            && key != "STAFFDESK_SERVER__DATA_DIR"
        {
            cmd.env_remove(key);
        }
    }
    cmd
}

#[test]
fn an_invalid_environment_value_stops_start_up_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(dir.path())
        .env("STAFFDESK_SERVER__LISTEN", "not-an-address")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid setting `server.listen`"),
        "{stderr}"
    );
    assert!(stderr.contains("STAFFDESK_SERVER__LISTEN"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !dir.path().join("data").exists(),
        "nothing is created before the settings are valid"
    );
}

#[test]
fn an_invalid_file_value_stops_start_up_naming_the_key_and_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Leptos.toml"),
        "[server]\npublic_url = \"not a url\"\n",
    )
    .unwrap();
    let out = server(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid setting `server.public_url`"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_environment_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(dir.path())
        .env("STAFFDESK_SECURITY__BAN_AFTER", "5")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("security.ban_after"), "{stderr}");
}

#[test]
fn migrate_creates_the_sqlite_file_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = server(dir.path()).arg("migrate").output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(dir.path().join("data/staffdesk.db").is_file());
}

#[test]
fn serve_answers_and_shuts_down_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = server(dir.path())
        .env("STAFFDESK_SERVER__LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // A fresh install prints the first-start invitation link before it listens.
    let mut printed = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line == format!("staffdesk: listening on http://127.0.0.1:{port}") {
            break;
        }
        printed.push_str(&line);
        printed.push('\n');
    }
    assert!(printed.contains("no administrator exists yet"), "{printed}");
    let link = printed
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:3000/invite/"))
        .unwrap_or_else(|| panic!("no invitation link in {printed}"))
        .to_owned();
    assert_eq!(
        link.len(),
        "http://127.0.0.1:3000/invite/".len() + 43,
        "{link}"
    );

    let rt = tokio::runtime::Runtime::new().unwrap();
    let status = rt.block_on(async {
        reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "server did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn create_admin_reads_the_password_from_stdin_and_rejects_bad_ones() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let run = |password: &str, username: &str| {
        let mut child = server(dir.path())
            .args([
                "create-admin",
                "--username",
                username,
                "--email",
                &format!("{username}@example.com"),
            ])
            .args(["--first-name", "Ada", "--last-name", "Admin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(password.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let bad = run("short<pw>\n", "ada");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cannot contain the characters"));
    let ok = run("a long enough passphrase\n", "ada");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("created administrator ada"));
    let dup = run("a long enough passphrase\n", "ADA");
    assert!(!dup.status.success());
    assert!(String::from_utf8_lossy(&dup.stderr).contains("already taken"));
}

#[test]
fn pipe_reads_one_message_from_stdin_and_exits_non_zero_on_a_malformed_one() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let run = |input: &[u8]| {
        let mut child = server(dir.path())
            .arg("pipe")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    // No department has this address yet: refused, logged, and the MTA is told it was taken.
    let out = run(b"From: a@example.org\r\nTo: help@example.com\r\nSubject: Hi\r\n\r\nHello\r\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("refused"));
    let out = run(b"\x00\x01\x02");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("malformed"));
}

#[test]
fn backup_writes_a_copy_once_and_reminds_of_the_secret_key() {
    let dir = tempfile::tempdir().unwrap();
    let migrated = server(dir.path()).arg("migrate").output().unwrap();
    assert!(migrated.status.success());
    let file = dir.path().join("copy.db");
    let out = server(dir.path())
        .arg("backup")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(file.metadata().unwrap().len() > 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("secret key"));
    let again = server(dir.path())
        .arg("backup")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
