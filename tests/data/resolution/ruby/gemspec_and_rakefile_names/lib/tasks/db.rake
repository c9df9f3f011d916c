require "db/migrator"

def migrate_all
  Db::Migrator.run
end
