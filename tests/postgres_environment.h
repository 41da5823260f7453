// For test binaries with PostgreSQL tests: one real server
// (tests/postgres_server.h) for the whole binary, started before the first
// test and stopped after the last, through a gtest global environment
// registered by including this header. Tests read g_server (null or not
// running: skip, saying g_server_error).
#ifndef PROOFGATE_TESTS_POSTGRES_ENVIRONMENT_H_
#define PROOFGATE_TESTS_POSTGRES_ENVIRONMENT_H_

#include <gtest/gtest.h>

#include <string>

#include "tests/postgres_server.h"

namespace proofgate::testing {

// The binary's server once the environment is set up; why it does not run
// ("" when it does).
inline PostgresServer* g_server = nullptr;
inline std::string g_server_error;

class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    static PostgresServer server;
    g_server_error = server.Start();
    g_server = &server;
  }
  void TearDown() override {
    if (g_server != nullptr) g_server->Stop();
  }
};

// Registered once per binary (an inline variable has one instance).
inline ::testing::Environment* const kPostgresEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_POSTGRES_ENVIRONMENT_H_
