namespace Db
{
    class Dao
    {
        int Find(Query q) => q.Where("a").Where("b").Run().Count();
    }
}
