namespace Db
{
    public class Query
    {
        public Query Where(string c) => this;
        public Result Run() => new Result();
    }

    public class Result
    {
        public int Count() => 0;
    }
}
