// One user per service that uses MongoDB, owner of its own database only (docker compose only; runs once, when the
// data volume is new). The passwords come from the environment of the mongo container.
for (const service of ['classroom', 'analytics']) {
  db.getSiblingDB(service).createUser({
    user: service,
    pwd: process.env[service.toUpperCase() + '_MONGO_PASSWORD'],
    roles: [{role: 'readWrite', db: service}],
  });
}
