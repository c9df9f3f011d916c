class MailJob < Job
  def perform
    super()
  end
end
