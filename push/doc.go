// Package push delivers committed blocks to subscribers as the reference's
// push subscriptions do (chain33 blockchain/push.go): AddPushSubscribe
// registers a name with a URL, a type (0 blocks, 1 headers, 2 transaction
// receipts of chosen executors, 3 transaction results) and an encoding
// (json, else protobuf), and the node POSTs batches of consecutive blocks
// in sequence order (a block's sequence is its height: this chain never
// rolls back) to the URL, gzip-compressed, until the subscriber answers a
// body of "ok". gRPC's SubEvent streams the same batches, as PushData, to a
// connected client.
//
// # Delivery
//
// Each subscription has one goroutine that sends one batch at a time, from
// the block after the last acknowledged one: at most 10 blocks or headers
// or 100 blocks' receipts, about 1 MB (a larger block goes alone). The last
// acknowledged sequence is written to the store (synced) before the next
// batch, so a subscriber sees every block once and in order across its
// own outages (the batch is sent again until acknowledged, with backoff
// from MinBackoff doubling to MaxBackoff) and across restarts of the node
// (Close lets a POST under way finish for up to 5 s and records its
// answer). Only if the node crashes between the subscriber's answer and
// that write does the subscriber see a batch twice; each entry carries its
// sequence number for such a subscriber to skip.
//
// Unlike the reference, which gives up after three failed posts until the
// subscriber calls AddPushSubscribe again, a subscription here keeps
// retrying at MaxBackoff; AddPushSubscribe with the same name, URL and type
// still resumes it at once.
package push
