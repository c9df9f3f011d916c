module Db
  class Migrator
    def self.run; end
  end
end
