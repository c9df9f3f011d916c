pub async fn fetch() -> u8 {
    1
}

#[cfg(test)]
mod tests {
    use super::fetch;

    #[tokio::test]
    async fn fetches() {
        assert_eq!(fetch().await, 1);
    }
}
