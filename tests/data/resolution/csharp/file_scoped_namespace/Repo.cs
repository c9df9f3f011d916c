namespace Data;

public class Repo
{
    public string Load(int id) => "x";
}
