using Data;

namespace Services;

public class Service
{
    private readonly Repo repo = new Repo();

    public string Get(int id) => repo.Load(id);
}
