-- Which of CareLine's numbers texts each phone: the number they texted, or for someone who
-- never texted, the number with the fewest people. Kept per phone (a text can arrive before
-- the person exists) and removed with the phone's SMS identity.
create table sms_senders (
  phone text primary key,
  sender_number text not null,
  assigned_at timestamptz not null default now()
);
create index sms_senders_number on sms_senders (sender_number);

create function forget_sms_sender() returns trigger language plpgsql as $$
begin
  if old.channel = 'sms' then
    delete from sms_senders where phone = old.external_id;
  end if;
  return old;
end;
$$;

create trigger channel_identities_forget_sms_sender
  after delete on channel_identities
  for each row execute function forget_sms_sender();
