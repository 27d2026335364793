// send_smtp against a real SMTP conversation on loopback: a small server thread that speaks
// just enough RFC 5321 (greeting, EHLO, MAIL, RCPT, DATA, QUIT) and records what arrived.
#include "smtp/smtp.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

namespace o2c {
namespace {

struct Received {
  std::string mail_from;
  std::vector<std::string> recipients;
  std::string data;  // as sent on the wire, dot-stuffed, without the final ".\r\n"
};

class LoopbackSmtpServer {
 public:
  // `data_reply`: what the server answers to the end of DATA; `refused`: a recipient it
  // answers 550 to.
  explicit LoopbackSmtpServer(std::string data_reply = "250 OK queued",
                              std::string refused = "nobody@example.com")
      : data_reply_(std::move(data_reply)), refused_(std::move(refused)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(listen(listener_, 1), 0);
    socklen_t length = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve_one(); });
  }
  ~LoopbackSmtpServer() {
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const Received& received() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  void serve_one() {
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) return;
    std::string buffer;
    auto send_line = [&](const std::string& line) {
      const std::string text = line + "\r\n";
      EXPECT_EQ(send(client, text.data(), text.size(), MSG_NOSIGNAL),
                static_cast<ssize_t>(text.size()));
    };
    auto read_until = [&](std::string_view end, std::string& out) {
      char chunk[4096];
      while (buffer.find(end) == std::string::npos) {
        const ssize_t got = recv(client, chunk, sizeof chunk, 0);
        if (got <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(got));
      }
      const std::size_t at = buffer.find(end);
      out = buffer.substr(0, at);
      buffer.erase(0, at + end.size());
      return true;
    };
    send_line("220 loopback ESMTP test");
    std::string line;
    while (read_until("\r\n", line)) {
      if (line.starts_with("EHLO") || line.starts_with("HELO")) {
        send_line("250-loopback\r\n250 8BITMIME");
      } else if (line.starts_with("MAIL FROM:")) {
        received_.mail_from = line.substr(10);
        send_line("250 OK");
      } else if (line.starts_with("RCPT TO:")) {
        const std::string to = line.substr(8);
        if (to.find(refused_) != std::string::npos) {
          send_line("550 5.1.1 no such user");
        } else {
          received_.recipients.push_back(to);
          send_line("250 OK");
        }
      } else if (line == "DATA") {
        send_line("354 go ahead");
        std::string data;
        if (!read_until("\r\n.\r\n", data)) break;
        received_.data = data + "\r\n";
        send_line(data_reply_);
      } else if (line == "QUIT") {
        send_line("221 bye");
        break;
      } else {
        send_line("502 not implemented");
      }
    }
    close(client);
  }

  int listener_ = -1;
  int port_ = 0;
  std::string data_reply_;
  std::string refused_;
  Received received_;
  std::thread thread_;
};

const std::string kMessage =
    "From: billing@example.com\r\nTo: ap@nordwind.example\r\nSubject: hi\r\n\r\n"
    "line one\r\n.leading dot\r\n";

TEST(SendSmtp, DeliversTheMessageToTheServerAsGiven) {
  LoopbackSmtpServer server;
  const std::vector<std::string> to = {"ap@nordwind.example", "cfo@nordwind.example"};
  Status sent = send_smtp({server.url(), "billing@example.com", 10}, to, kMessage);
  ASSERT_TRUE(sent) << sent.error().message;
  const Received& received = server.received();
  EXPECT_EQ(received.mail_from, "<billing@example.com>");
  EXPECT_EQ(received.recipients,
            (std::vector<std::string>{"<ap@nordwind.example>", "<cfo@nordwind.example>"}));
  // RFC 5321 4.5.2: a line starting with a dot travels with the dot doubled.
  EXPECT_EQ(received.data,
            "From: billing@example.com\r\nTo: ap@nordwind.example\r\nSubject: hi\r\n\r\n"
            "line one\r\n..leading dot\r\n");
}

TEST(SendSmtp, A5xxReplyIsAPermanentRefusal) {
  LoopbackSmtpServer server("554 5.6.0 message refused");
  const std::vector<std::string> to = {"ap@nordwind.example"};
  Status sent = send_smtp({server.url(), "billing@example.com", 10}, to, kMessage);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind, ErrorKind::kFailedPrecondition);
  EXPECT_EQ(sent.error().reason, "smtp_rejected");
  EXPECT_NE(sent.error().message.find("554"), std::string::npos) << sent.error().message;
}

TEST(SendSmtp, AnUnknownRecipientIsAPermanentRefusal) {
  LoopbackSmtpServer server;
  const std::vector<std::string> to = {"nobody@example.com"};
  Status sent = send_smtp({server.url(), "billing@example.com", 10}, to, kMessage);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().reason, "smtp_rejected");
}

TEST(SendSmtp, A4xxReplyMayWorkLater) {
  LoopbackSmtpServer server("451 4.3.0 try again later");
  const std::vector<std::string> to = {"ap@nordwind.example"};
  Status sent = send_smtp({server.url(), "billing@example.com", 10}, to, kMessage);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(sent.error().reason, "smtp_unavailable");
}

TEST(SendSmtp, NoServerListeningMayWorkLater) {
  int port = 0;
  {
    LoopbackSmtpServer closed;  // take a free port, then let it go
    port = std::stoi(closed.url().substr(closed.url().rfind(':') + 1));
    const std::vector<std::string> to = {"ap@nordwind.example"};
    ASSERT_TRUE(send_smtp({closed.url(), "billing@example.com", 10}, to, kMessage));
  }
  const std::vector<std::string> to = {"ap@nordwind.example"};
  Status sent = send_smtp({"smtp://127.0.0.1:" + std::to_string(port), "billing@example.com", 10},
                          to, kMessage);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().reason, "smtp_unavailable");
}

}  // namespace
}  // namespace o2c
