using System.Threading.Tasks;

namespace Net
{
    class Use
    {
        private readonly Client client = new Client();

        async Task<string> Run() => await client.GetAsync("x");
    }
}
