module Audit
  def audit; end
end

class Account
  prepend Audit

  def close
    audit
  end
end
