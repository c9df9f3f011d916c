namespace Geo
{
    class Report
    {
        double Total(IShape s) => s.Area();
    }
}
