mod conn;

pub fn fetch() -> String {
    let c = conn::connect("db");
    c.query("select") + &conn::connect("x").query("y")
}
