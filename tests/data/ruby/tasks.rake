require "rake/testtask"

desc "Run tests"
task :test do
  ruby "test/all.rb"
end

def helper_task
  sh "make"
end
