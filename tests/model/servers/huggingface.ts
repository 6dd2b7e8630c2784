import sharp from 'sharp';
import { vectorOf } from './answers.ts';
import { playFailure, sendJson, startServer, type Exchange, type TestServer } from './http.ts';
import { chatCompletion, colourOf } from './openai.ts';

const errorBody = (message: string) => ({ error: message });

/**
 * A dedicated Hugging Face endpoint as the Inference API reference describes one: TGI's
 * Messages API under `/v1/chat/completions` (JSON and SSE), and the task routes a client posts
 * to the endpoint URL itself — image bytes for image-to-text and image classification, JSON
 * for zero-shot classification, text-to-image (answered with image bytes) and feature
 * extraction. One server plays several endpoints: the path names the task
 * (`/s/<scenario>/<task>`), with HF's `{"error": "..."}` bodies.
 */
export function startHuggingFaceServer(token: string | undefined): Promise<TestServer> {
  return startServer(async (exchange) => {
    const { received, res, route } = exchange;
    if (token !== undefined && received.authorization !== `Bearer ${token}`) {
      return sendJson(res, 401, errorBody('Invalid credentials in Authorization header'));
    }
    if (received.method === 'GET' && route.endsWith('/v1/models')) {
      const data = [{ id: 'tgi-test-model', object: 'model', created: 1, owned_by: 'tgi' }];
      return sendJson(res, 200, { object: 'list', data });
    }
    const task = route.split('/')[1] ?? '';
    if (!['chat', 'caption', 'classify', 't2i', 'embed'].includes(task)) {
      return sendJson(res, 404, errorBody(`Model ${route} does not exist`));
    }
    if (await playFailure(exchange, (message) => errorBody(message))) return;
    if (task === 'chat' && route.endsWith('/v1/chat/completions')) return chatCompletion(exchange);
    if (task === 'caption') return caption(exchange);
    if (task === 'classify') return classify(exchange);
    if (task === 't2i') return textToImage(exchange);
    if (task === 'embed') return featureExtraction(exchange);
    sendJson(res, 404, errorBody(`no route ${route}`));
  });
}

/** Image to text: the body is the image itself; the answer says what size it was. */
async function caption({ received, res, scenario }: Exchange) {
  const meta = await sharp(received.body).metadata();
  if (scenario === 'wrong-shape') return sendJson(res, 200, { caption: 'no such field' });
  sendJson(res, 200, { generated_text: `a ${meta.width}x${meta.height} ${meta.format} picture` });
}

/** Image classification from image bytes, or zero-shot from JSON with candidate labels. */
async function classify({ received, res }: Exchange) {
  if (received.json) {
    const labels: string[] = received.json.parameters?.candidate_labels ?? [];
    // The reference has `inputs` as the base64 image; the client sends `{ image }`: take both.
    const { inputs } = received.json;
    const image = Buffer.from(typeof inputs === 'string' ? inputs : inputs.image, 'base64');
    await sharp(image).metadata();
    const scores = labels.map((label, i) => ({ label, score: (labels.length - i) / 10 }));
    return sendJson(res, 200, scores);
  }
  const { width = 0, height = 0 } = await sharp(received.body).metadata();
  sendJson(res, 200, [
    { label: width >= height ? 'landscape orientation' : 'portrait orientation', score: 0.9 },
    { label: 'tabby cat', score: 0.07 },
    { label: 'golden retriever', score: 0.03 },
  ]);
}

async function textToImage({ received, res }: Exchange) {
  const { inputs, parameters } = received.json;
  const width = parameters?.width ?? 512;
  const height = parameters?.height ?? 512;
  const jpeg = await sharp({ create: { width, height, channels: 3, background: colourOf(inputs) } })
    .jpeg()
    .toBuffer();
  res.writeHead(200, { 'content-type': 'image/jpeg' });
  res.end(jpeg);
}

function featureExtraction({ received, res, scenario }: Exchange) {
  const inputs: string[] = Array.isArray(received.json.inputs)
    ? received.json.inputs
    : [received.json.inputs];
  if (scenario === 'wrong-shape') return sendJson(res, 200, [[[0.1, 0.2]], [[0.3, 0.4]]]);
  sendJson(res, 200, inputs.map(vectorOf));
}
