-- The name a pilot chooses to be credited with under their shared media ("by ..."), if any. Apart from
-- the account on purpose: it is public, the e-mail address never is, and a pilot without one is shown
-- as nobody. It goes with the account.
CREATE TABLE media_profiles (
  pilot_id    uuid PRIMARY KEY REFERENCES pilots (id) ON DELETE CASCADE,
  public_name text NOT NULL
);
