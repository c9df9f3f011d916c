module A
  module B
    module C
      class Job
        def run
          Util.go
        end
      end
    end
  end
end
