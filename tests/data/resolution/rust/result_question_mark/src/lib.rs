pub struct File;

impl File {
    pub fn open(_p: &str) -> Result<File, String> {
        Ok(File)
    }

    pub fn size(&self) -> u64 {
        0
    }
}

pub fn size_of(p: &str) -> Result<u64, String> {
    let f = File::open(p)?;
    Ok(f.size())
}
