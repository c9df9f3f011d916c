namespace Jobs
{
    class Job
    {
        public void Run() { }
    }

    class Queue
    {
        public Job Next() => new Job();
    }

    class Runner
    {
        void Work(Job first, Queue q)
        {
            first.Run();
            Job second = q.Next();
            second.Run();
            var third = new Job();
            third.Run();
            var fourth = q.Next();
            fourth.Run();
        }
    }
}
