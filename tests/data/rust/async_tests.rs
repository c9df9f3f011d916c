use crate::client::{connect, Client};
use crate::server;

#[tokio::test]
async fn test_connect() {
    let client = connect("addr").await;
    client.close();
}

#[tokio::test(flavor = "multi_thread")]
async fn serves() {
    server::start();
    std::thread::sleep(std::time::Duration::from_millis(1));
}

#[rstest]
fn with_rstest() {
    Client::default();
}

#[sqlx::test]
fn with_path_test() {
    server::start();
}

fn helper_in_library() {
    server::start();
}

#[cfg_attr(test, derive(Debug))]
fn not_a_test() {
    connect("x");
}
