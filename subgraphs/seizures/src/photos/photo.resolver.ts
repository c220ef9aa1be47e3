import { Multiline, requireViewer, Roles, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { optionalText } from "../seizure/seizure.validation.js";
import { Seizure, SeizurePhoto } from "../seizure/seizure.types.js";
import { seizureById } from "../seizure/seizure.loaders.js";
import { photoStore } from "./photo-store.instance.js";
import { photosBySeizureId } from "./photo.loaders.js";
import { PhotoRepository } from "./photo.repository.js";
import { checkMimeType, decodePhoto } from "./photo.validation.js";

@Resolver(() => Seizure)
export class PhotoResolver {
  @Roles("investigator", "supervisor")
  @Mutation(() => Seizure, {
    description:
      "Adds a photo of the goods or the concealment to a case of the caller's agency and returns the case. JPEG, PNG or WebP, " +
      "at most 10 MB; the file is stored content-addressed (by SHA-256) outside the graph. Adding the same file again updates its caption.",
  })
  async addSeizurePhoto(
    @Arg("seizureId", () => ID, { description: "The case's hub id." }) seizureId: string,
    @Multiline() @Arg("contentBase64", () => String, { description: "The file content, standard base64 (line-wrapped base64 is accepted)." }) contentBase64: string,
    @Arg("mimeType", () => String, { description: "image/jpeg, image/png or image/webp." }) mimeType: string,
    @Multiline() @Arg("caption", () => String, { nullable: true, description: "What the photo shows (up to 500 characters)." }) caption: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    const mime = checkMimeType(mimeType);
    const photo = { bytes: decodePhoto(contentBase64, mime), mimeType: mime, caption: optionalText("caption", caption, 500) };
    await new PhotoRepository(ctx.db).add(seizureId, viewer, photo, photoStore());
    return seizureById(ctx).load(seizureId);
  }

  @FieldResolver(() => [SeizurePhoto], { description: "Photos of the goods and the concealment, oldest first." })
  photos(@Root() seizure: Seizure, @Ctx() ctx: RequestContext) {
    return photosBySeizureId(ctx).load(seizure.id);
  }
}
