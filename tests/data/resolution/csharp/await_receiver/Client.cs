using System.Threading.Tasks;

namespace Net
{
    public class Client
    {
        public Task<string> GetAsync(string url) => Task.FromResult(url);
    }
}
