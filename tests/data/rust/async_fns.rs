pub async fn fetch(url: &str) -> Result<String, std::io::Error> {
    let body = download(url).await?;
    Ok(body)
}

async fn download(url: &str) -> Result<String, std::io::Error> {
    Ok(url.to_owned())
}

pub struct Client;

impl Client {
    pub async fn get(&self, url: &str) -> Option<String> {
        let task = async move { fetch(url).await.ok() };
        task.await
    }

    pub const unsafe fn raw(&self) -> *const Client {
        self as *const Client
    }
}
